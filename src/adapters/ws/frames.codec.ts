// Dashboard frames on the wire: JSON text (the default) or protobuf binary
// (pallet.dashboard.v1.Frame, generated from proto/, never edited by hand).
// Both carry the same content: decodeProtoFrame(encodeProtoFrame(f)) deep-equals
// JSON.parse(encodeJsonFrame(f)).
import $protobuf from 'protobufjs/minimal.js';
import { pallet } from '../../gen/frames.pb.js';
import type { TopicData } from '../../app/board/board.types.ts';
import { parseTopic, type TopicKind } from '../../app/board/topics.ts';

// int64 fields decode to plain numbers (every value on a board is far below 2^53).
$protobuf.util.Long = undefined as never;
$protobuf.configure();

const PbFrame = pallet.dashboard.v1.Frame;

export type FrameType = 'snapshot' | 'delta' | 'error' | 'pong';
export type FrameFormat = 'json' | 'protobuf';

export interface ErrorData {
  readonly code: string;
  readonly detail: string;
}

export interface Frame {
  readonly type: FrameType;
  readonly topic: string;
  readonly seq: number;
  readonly at: number;
  readonly data: TopicData | ErrorData | null;
}

type DataField = 'stock' | 'lowStock' | 'orders' | 'exceptions' | 'orderPool' | 'error';

// A Map, like every lookup a topic name can reach: no inherited properties.
const fieldOfKind: ReadonlyMap<TopicKind, DataField> = new Map<TopicKind, DataField>([
  ['stockAll', 'stock'], ['stockSku', 'stock'], ['stockLow', 'lowStock'], ['orders', 'orders'], ['exceptions', 'exceptions'],
  ['orderPool', 'orderPool'],
]);

function dataField(frame: Frame, kind: TopicKind | undefined): DataField | null {
  if (frame.type === 'error') return 'error';
  if (frame.data === null) return null;
  const field = fieldOfKind.get(kind ?? parseTopic(frame.topic)?.kind ?? ('' as TopicKind));
  if (field === undefined) throw new Error(`frame for unknown topic ${JSON.stringify(frame.topic)}`);
  return field;
}

export const encodeJsonFrame = (frame: Frame): string => JSON.stringify(frame);

/** `kind` saves parsing the topic when the caller knows it. */
export function encodeProtoFrame(frame: Frame, kind?: TopicKind): Uint8Array {
  const msg: Record<string, unknown> = { type: frame.type, topic: frame.topic, seq: frame.seq, at: frame.at };
  const field = dataField(frame, kind);
  if (field !== null) msg[field] = frame.data;
  return PbFrame.encode(msg as pallet.dashboard.v1.IFrame).finish();
}

const toObjectOptions: $protobuf.IConversionOptions = { longs: Number, defaults: true, arrays: true };

/** The frame a protobuf message carries, in the JSON frame's shape. */
export function decodeProtoFrame(bytes: Uint8Array): Frame {
  const msg = PbFrame.decode(bytes);
  const obj = PbFrame.toObject(msg, toObjectOptions) as Record<string, unknown>;
  const field = msg.data as DataField | undefined;
  return {
    type: msg.type as FrameType, topic: msg.topic, seq: Number(msg.seq), at: Number(msg.at),
    data: field === undefined ? null : (obj[field] as Frame['data']),
  };
}
