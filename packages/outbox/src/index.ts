export { EVENT_TYPES, type EventType } from "./event-types.ts";
export { claimUnpublished, listEvents, markPublished, type StoredEvent } from "./list-events.ts";
export { type NewEvent, publishEvent } from "./publish-event.ts";
