// Server-sent events as the WHATWG spec frames them: events end at a blank
// line (LF, CR or CRLF), `event:` names one, `data:` lines join with "\n".
export interface SseEvent {
  event?: string;
  data: string;
}

export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let event: string | undefined;
  let data: string[] = [];
  const flush = () => {
    if (data.length) events.push({ ...(event ? { event } : {}), data: data.join('\n') });
    event = undefined;
    data = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') flush();
    else if (line.startsWith(':')) continue;
    else {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
  flush();
  return events;
}

/** The JSON payloads of the events (those that parse). */
export function sseJson(text: string): { event?: string; json: unknown }[] {
  return parseSse(text).flatMap((e) => {
    try {
      return [{ ...(e.event ? { event: e.event } : {}), json: JSON.parse(e.data) as unknown }];
    } catch {
      return [];
    }
  });
}
