// "Today" of the board (orders.today, today's exception counts) in an IANA time zone.

export interface Day { readonly day: string; readonly startMs: number; readonly endMs: number }

/**
 * The calendar day containing a time in an IANA time zone: its YYYY-MM-DD and
 * [start, end) in ms. The offset is the one at that time, so a day with a DST
 * change ends an hour early or late (the next call corrects it).
 */
export function dayCalculator(timeZone: string): (ms: number) => Day {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  return (ms) => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = p;
    const offsetMs = Date.UTC(year, month - 1, day, hour, minute, second) - (ms - (((ms % 1000) + 1000) % 1000));
    const startMs = Date.UTC(year, month - 1, day) - offsetMs;
    const endMs = Date.UTC(year, month - 1, day + 1) - offsetMs;
    return { day: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, startMs, endMs };
  };
}

