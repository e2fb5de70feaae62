// Ports of the event log's durability watch (see the tail guard): the log of
// acknowledged JetStream messages kept in Redis, the event stream as stored in
// JetStream, and what publishers hand their acknowledgements and payment
// events to.

/** One logged acknowledgement: the stream sequence, the message id stored at it, and when it was acknowledged. */
export interface AckMark {
  readonly seq: number;
  readonly id: string;
  readonly atMs: number;
}

/** Notes the stream sequence of every PubAck of the events stream (cheap, called per ack). */
export interface AckNotes {
  note(seq: number, msgId: string): void;
}

/** Keeps published payment events, the refill source when JetStream loses its unsynced tail. */
export interface EventJournal {
  append(tenant: string, subject: string, msgId: string, data: Uint8Array): Promise<void>;
}

/** The acknowledgement log as one read. */
export interface AckLogSnapshot {
  /** Lowest sequence first; `member` names the entry in the log. */
  readonly entries: readonly { readonly member: string; readonly mark: AckMark }[];
  /** The highest sequence a regular check verified (0: none). */
  readonly verifiedSeq: number;
  /** Why a loss is being repaired right now, or null. */
  readonly damaged: string | null;
  /** Entries acknowledged before this (epoch ms) were synced to disk: once verified, they may go. */
  readonly staleBeforeMs: number;
}

/** The Redis log of acknowledged messages the tail guard verifies. */
export interface AckLog {
  read(): Promise<AckLogSnapshot>;
}

export interface StreamBounds {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly messages: number;
}

/** The events stream as JetStream stores it. */
export interface EventStream {
  bounds(): Promise<StreamBounds>;
  /** The message id stored at `seq`; null when no message is stored there. */
  msgIdAt(seq: number): Promise<string | null>;
}
