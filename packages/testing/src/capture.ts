export interface CapturedExchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Filled in once the answer arrives (absent when the request failed). */
  response?: { status: number; headers: Record<string, string> };
}

/**
 * A `fetch` that records every request it is given and the status and headers of its answer, passing the
 * request on to `respond` or, by default, the global fetch.
 */
export function capturingFetch(
  respond: (request: Request) => Response | Promise<Response> = (request) => fetch(request),
): ((input: Request, init?: RequestInit) => Promise<Response>) & { exchanges: CapturedExchange[] } {
  const exchanges: CapturedExchange[] = [];
  const fetchImpl = async (input: Request, init?: RequestInit) => {
    const copy = input.clone();
    const exchange: CapturedExchange = {
      method: copy.method,
      url: copy.url,
      headers: Object.fromEntries(copy.headers),
      body: await copy.text(),
    };
    exchanges.push(exchange);
    const response = await respond(new Request(input, init));
    exchange.response = { status: response.status, headers: Object.fromEntries(response.headers) };
    return response;
  };
  return Object.assign(fetchImpl, { exchanges });
}
