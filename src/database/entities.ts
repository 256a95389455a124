import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiKey } from '../auth/api-key.entity';
import { Community } from '../communities/community.entity';
import { Event } from '../events/event.entity';
import { ProjectAlias } from '../projects/project-alias.entity';
import { Project } from '../projects/project.entity';
import { RecordSource } from '../sources/record-source.entity';
import { SourceDocument } from '../sources/source-document.entity';
import { SpeakerProject } from '../speakers/speaker-project.entity';
import { Speaker } from '../speakers/speaker.entity';
import { TalkProject } from '../talks/talk-project.entity';
import { TalkSpeaker } from '../talks/talk-speaker.entity';
import { Talk } from '../talks/talk.entity';

/** Every TypeORM entity of the graph. */
export const entities = [
  Community,
  Project,
  ProjectAlias,
  Event,
  Talk,
  Speaker,
  TalkSpeaker,
  TalkProject,
  SpeakerProject,
  SourceDocument,
  RecordSource,
  ApiKey,
  AuditEntry,
];
