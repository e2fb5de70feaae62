import { describe, expect, it } from 'vitest';
import { rankWarehouses } from '../../src/core/allocation.rank.ts';

const wh = (id: string, region: string, priority: number) => ({ id, name: id, region, priority });
const all = [wh('east', 'CN-ZJ', 1), wh('south', 'CN-GD', 2), wh('north', 'CN-BJ', 3), wh('west', 'US-CA', 0), wh('east2', 'CN-ZJ', 5)];

describe('rankWarehouses', () => {
  it.each([
    ['same region first, then same country by priority, then the rest', 'CN-GD', ['south', 'east', 'north', 'east2', 'west']],
    ['several warehouses in the region are ordered by priority', 'CN-ZJ', ['east', 'east2', 'south', 'north', 'west']],
    ['a region in no warehouse falls back to country', 'CN-SH', ['east', 'south', 'north', 'east2', 'west']],
    ['another country entirely: priority order', 'DE-BE', ['west', 'east', 'south', 'north', 'east2']],
    ['no region: priority order', undefined, ['west', 'east', 'south', 'north', 'east2']],
  ])('%s', (_name, region, expected) => {
    expect(rankWarehouses(all, region).map((w) => w.id)).toEqual(expected);
  });

  it('breaks priority ties by id so the order is stable', () => {
    expect(rankWarehouses([wh('b', 'X', 1), wh('a', 'X', 1)], undefined).map((w) => w.id)).toEqual(['a', 'b']);
  });
});
