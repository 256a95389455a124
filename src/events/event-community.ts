import type { Community } from '../communities/community.entity';
import type { Event } from './event.entity';

/**
 * The community an event's lookup brought along (an event page shows it), kept on the event for
 * `Event.community`, so the page needs neither a statement nor the request's loaders for it.
 */
export function embeddedCommunity(event: Event): Community | undefined {
  return (event as Event & { __community?: Community }).__community;
}

export function embedCommunity(event: Event, community: Community): Event {
  (event as Event & { __community?: Community }).__community = community;
  return event;
}
