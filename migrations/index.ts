import { InitialSchema1764164000000 } from './1764164000000-InitialSchema';
import { ApiKeysAndAudit1764170000000 } from './1764170000000-ApiKeysAndAudit';
import { TalkDateKeys1764190000000 } from './1764190000000-TalkDateKeys';
import { ProjectKeyColumns1764200000000 } from './1764200000000-ProjectKeyColumns';
import { ChangeNotifications1764300000000 } from './1764300000000-ChangeNotifications';
import { ProjectTallies1764400000000 } from './1764400000000-ProjectTallies';
import { TalkCards1764500000000 } from './1764500000000-TalkCards';
import { ScheduleFacts1764670000000 } from './1764670000000-ScheduleFacts';
import { CommunityTimeZone1764840000000 } from './1764840000000-CommunityTimeZone';
import { SourceRegistry1764850000000 } from './1764850000000-SourceRegistry';
import { MergeEvidence1764860000000 } from './1764860000000-MergeEvidence';
import { ChangedTablesInTransaction1764900000000 } from './1764900000000-ChangedTablesInTransaction';
import { ChangedKeys1764970000000 } from './1764970000000-ChangedKeys';

/** Every migration, oldest first. A new migration is a new file, listed here; landed ones never change. */
export const migrations = [InitialSchema1764164000000, ApiKeysAndAudit1764170000000, TalkDateKeys1764190000000, ProjectKeyColumns1764200000000, ChangeNotifications1764300000000, ProjectTallies1764400000000, TalkCards1764500000000, ScheduleFacts1764670000000, CommunityTimeZone1764840000000, SourceRegistry1764850000000, MergeEvidence1764860000000, ChangedTablesInTransaction1764900000000, ChangedKeys1764970000000];
