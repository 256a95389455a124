/** One `<event>` of a frab schedule as read, before it becomes a talk. */
export interface FrabEvent {
  line: number;
  attributes: Record<string, string>;
  /** Text of each child element by name (`title`, `start`, `duration`, ...). */
  fields: Record<string, string>;
  persons: { id?: string; guid?: string; name: string; line: number }[];
  links: { href?: string; title: string; type?: string; attachment: boolean }[];
  /** The `<room>` and `<day>` the event stood in. */
  room: string | null;
  day: FrabDay;
}

/** One `<day>` of a frab schedule. */
export interface FrabDay {
  index?: string;
  date?: string;
  start?: string;
  end?: string;
  line: number;
}
