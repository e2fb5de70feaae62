// validateMapping: a channel mapping arrives as JSON (shipped with Pallet or
// written by an operator) and is checked completely before it maps anything.
// The first problem is reported as MAPPING_INVALID with the path of the bad
// part inside the mapping (`.fields["totals.totalMinor"].transforms[1]`) and
// why. Unknown keys are refused (a typo must not silently map nothing).

import { parsePath } from './channel.path.ts';
import {
  flagTargetPattern, lineTargets, mappingLimits as L, orderTargets,
  type LineTarget, type Mapping, type Scalar, type SourceRule,
} from './channel.mapping.types.ts';
import { offsetMinutesOf, transformNames, type TransformName } from './channel.transforms.ts';
import { domainError, fail, ok, type Result } from './errors.ts';
import { keyPath } from './text.rules.ts';

interface Problem { readonly at: string; readonly reason: string }
class Invalid { constructor(readonly problem: Problem) {} }

/** Stops the check at the first problem (caught once, in validateMapping). */
const refuse = (at: string, reason: string): never => {
  throw new Invalid({ at, reason });
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function objectAt(v: unknown, at: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isObject(v)) return refuse(at, 'must be an object');
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) refuse(`${at}${keyPath(key)}`, `unknown key; allowed: ${allowed.join(', ')}`);
  }
  return v;
}

function arrayAt(v: unknown, at: string, min: number, max: number): readonly unknown[] {
  if (!Array.isArray(v)) return refuse(at, 'must be an array');
  if (v.length < min || v.length > max) refuse(at, `must hold ${min} to ${max} entries, not ${v.length}`);
  return v;
}

function pathAt(v: unknown, at: string): string {
  if (typeof v !== 'string') return refuse(at, 'must be a path string');
  const p = parsePath(v);
  if ('reason' in p) refuse(at, `${JSON.stringify(v)} ${p.reason}`);
  return v;
}

function scalarAt(v: unknown, at: string): Scalar {
  if (typeof v === 'string') {
    if (v.length > L.constLengthMax) refuse(at, `must be at most ${L.constLengthMax} characters`);
    return v;
  }
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return v;
  return refuse(at, 'must be a string, a finite number or a boolean');
}

function transformsAt(v: unknown, at: string, perUnitAllowed: boolean): TransformName[] {
  return arrayAt(v, at, 0, L.transformsPerRuleMax).map((t, i) => {
    if (typeof t !== 'string' || !(transformNames as readonly string[]).includes(t)) {
      return refuse(`${at}[${i}]`, `${JSON.stringify(t)} is not a transform; one of ${transformNames.join(', ')}`);
    }
    if (t === 'perUnit' && !perUnitAllowed) refuse(`${at}[${i}]`, 'perUnit applies only to lines.fields.unitPriceMinor');
    return t as TransformName;
  });
}

const ruleKeys = ['path', 'join', 'separator', 'const', 'default', 'absent', 'when', 'transforms'] as const;

function sourceOf(r: Record<string, unknown>, at: string): Pick<SourceRule, 'path' | 'join' | 'separator' | 'const'> {
  const kinds = (['path', 'join', 'const'] as const).filter((k) => r[k] !== undefined);
  if (kinds.length !== 1) refuse(at, `must have exactly one of path, join, const (has ${kinds.length === 0 ? 'none' : kinds.join(' and ')})`);
  if (r.separator !== undefined && r.join === undefined) refuse(`${at}.separator`, 'applies only with join');
  if (r.const !== undefined) return { const: scalarAt(r.const, `${at}.const`) };
  if (r.join !== undefined) {
    const join = arrayAt(r.join, `${at}.join`, 2, L.pathsPerRuleMax).map((p, i) => pathAt(p, `${at}.join[${i}]`));
    if (r.separator === undefined) return { join };
    if (typeof r.separator !== 'string' || r.separator.length > L.separatorLengthMax) {
      refuse(`${at}.separator`, `must be a string of at most ${L.separatorLengthMax} characters`);
    }
    return { join, separator: r.separator as string };
  }
  if (typeof r.path === 'string') return { path: pathAt(r.path, `${at}.path`) };
  return { path: arrayAt(r.path, `${at}.path`, 1, L.pathsPerRuleMax).map((p, i) => pathAt(p, `${at}.path[${i}]`)) };
}

function whenAt(v: unknown, at: string): NonNullable<SourceRule['when']> {
  const w = objectAt(v, at, ['path', 'in']);
  const values = arrayAt(w.in, `${at}.in`, 1, L.whenValuesMax).map((x, i) => scalarAt(x, `${at}.in[${i}]`));
  return { path: pathAt(w.path, `${at}.path`), in: values };
}

function ruleAt(v: unknown, at: string, perUnitAllowed: boolean): SourceRule {
  const r = objectAt(v, at, ruleKeys);
  const rule: { -readonly [K in keyof SourceRule]: SourceRule[K] } = { ...sourceOf(r, at) };
  if (r.default !== undefined) rule.default = scalarAt(r.default, `${at}.default`);
  if (r.absent !== undefined) {
    rule.absent = arrayAt(r.absent, `${at}.absent`, 1, L.absentValuesMax).map((x, i) => {
      const s = scalarAt(x, `${at}.absent[${i}]`);
      return typeof s === 'boolean' ? refuse(`${at}.absent[${i}]`, 'must be a string or a number') : s;
    });
  }
  if (r.when !== undefined) rule.when = whenAt(r.when, `${at}.when`);
  if (r.transforms !== undefined) rule.transforms = transformsAt(r.transforms, `${at}.transforms`, perUnitAllowed);
  return rule;
}

function fieldsAt(v: unknown, at: string): Record<string, SourceRule> {
  if (!isObject(v)) return refuse(at, 'must be an object');
  const keys = Object.keys(v);
  if (keys.length > L.fieldsMax) refuse(at, `must map at most ${L.fieldsMax} fields, not ${keys.length}`);
  const fields: Record<string, SourceRule> = {};
  for (const key of keys) {
    const fieldAt = `${at}${keyPath(key)}`;
    if (!Object.hasOwn(orderTargets, key) && !flagTargetPattern.test(key)) {
      refuse(fieldAt, `not a canonical field; one of ${Object.keys(orderTargets).join(', ')}, flags.<name> (letters, digits, _; up to 32)`);
    }
    fields[key] = ruleAt(v[key], fieldAt, false);
  }
  for (const [key, spec] of Object.entries(orderTargets)) {
    if (spec.required && fields[key] === undefined) refuse(`${at}${keyPath(key)}`, 'is required: every mapping must map it (const or default for a fixed value)');
  }
  return fields;
}

function linesAt(v: unknown, at: string): Mapping['lines'] {
  const l = objectAt(v, at, ['path', 'fields']);
  const f = objectAt(l.fields, `${at}.fields`, lineTargets);
  const fields = {} as Record<LineTarget, SourceRule>;
  for (const key of lineTargets) {
    if (f[key] === undefined) refuse(`${at}.fields.${key}`, 'is required: every mapping must map it');
    fields[key] = ruleAt(f[key], `${at}.fields.${key}`, key === 'unitPriceMinor');
  }
  return { path: pathAt(l.path, `${at}.path`), fields };
}

function mappingAt(v: unknown): Mapping {
  const m = objectAt(v, '', ['version', 'channel', 'timezone', 'root', 'fields', 'lines']);
  if (typeof m.version !== 'number' || !Number.isSafeInteger(m.version) || m.version < 1 || m.version > L.versionMax) {
    refuse('.version', `must be an integer from 1 to ${L.versionMax}`);
  }
  if (m.channel !== undefined && (typeof m.channel !== 'string' || m.channel.length > L.channelLengthMax)) {
    refuse('.channel', `must be a string of at most ${L.channelLengthMax} characters`);
  }
  if (typeof m.timezone !== 'string' || offsetMinutesOf(m.timezone) === null) {
    refuse('.timezone', 'must be a UTC offset such as "+08:00" (Asia/Shanghai), "+00:00" or "Z"');
  }
  const mapping: { -readonly [K in keyof Mapping]: Mapping[K] } = {
    version: m.version as number,
    timezone: m.timezone as string,
    fields: fieldsAt(m.fields, '.fields'),
    lines: linesAt(m.lines, '.lines'),
  };
  if (m.channel !== undefined) mapping.channel = m.channel as string;
  if (m.root !== undefined) mapping.root = pathAt(m.root, '.root');
  return mapping;
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * Checks a mapping completely and returns a frozen copy of it, or
 * MAPPING_INVALID naming the path of the first bad part and why
 * (`extra.field` holds the path alone).
 */
export function validateMapping(input: unknown): Result<Mapping> {
  try {
    return ok(deepFreeze(mappingAt(input)));
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const { at, reason } = e.problem;
    return fail(domainError('MAPPING_INVALID', `mapping${at}: ${reason}`, { field: at === '' ? 'mapping' : `mapping${at}` }));
  }
}
