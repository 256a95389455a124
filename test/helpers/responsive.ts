import type { GraphQLResponse } from './test-server';

/** An attack's answer, and how long a `/healthz` sent while it was being handled took to answer. */
export interface WhileAttacked {
  status: number;
  body: GraphQLResponse;
  /** Milliseconds from when `/healthz` was due to its answer: a blocked event loop delays both the sending and the answer. */
  healthzMs: number;
  /** Milliseconds from sending the attack to its whole answer. */
  answerMs: number;
}

/**
 * POSTs `body` (JSON, or a string sent as it is) to `/graphql` as an attacker would (with `headers`, e.g. an editor's key) and, `delayMs` later, asks `/healthz`. The server
 * runs in this process, so a blocked event loop also delays the timer that sends `/healthz`: the
 * time is counted from when it was due, not from when it went out.
 */
export async function attack(url: string, body: unknown, delayMs = 20, headers: Record<string, string> = {}): Promise<WhileAttacked> {
  const sent = performance.now();
  const answer = fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const due = performance.now() + delayMs;
  const healthz = new Promise<number>((resolve, reject) => {
    setTimeout(() => {
      fetch(`${url}/healthz`)
        .then(async (response) => {
          if ((await response.json()).status !== 'ok') throw new Error('/healthz did not answer ok');
          resolve(performance.now() - due);
        })
        .catch(reject);
    }, delayMs);
  });
  const response = await answer;
  const answered = (await response.json()) as GraphQLResponse;
  return { status: response.status, body: answered, answerMs: performance.now() - sent, healthzMs: await healthz };
}
