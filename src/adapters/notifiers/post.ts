// One JSON POST with a timeout, shared by the HTTP notifiers: any 2xx is
// delivery; anything else (or a robot's own non-zero error code in a 200)
// throws with the status and the start of the answer.

export interface PostOptions {
  readonly timeoutMs: number;
}

const answerBytesMax = 300;

export async function postJson(url: string, body: string, headers: Readonly<Record<string, string>>, opts: PostOptions): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST', body, redirect: 'error', signal: AbortSignal.timeout(opts.timeoutMs),
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
  const text = (await res.text()).slice(0, 64 * 1024);
  if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}: ${text.slice(0, answerBytesMax)}`);
  try {
    return text === '' ? null : JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Robots answer 200 with {errcode|code, errmsg|msg}: a non-zero code is a refusal. */
export function robotRefusal(answer: unknown): string | null {
  if (answer === null || typeof answer !== 'object') return null;
  const a = answer as Record<string, unknown>;
  const code = a.errcode ?? a.code ?? a.StatusCode;
  if (code === undefined || code === 0) return null;
  return `robot refused: ${String(code)} ${String(a.errmsg ?? a.msg ?? a.StatusMessage ?? '')}`.slice(0, answerBytesMax);
}
