// Small helpers for talking to the Django JSON API from the browser.

/**
 * The CSRF token rendered by Django. Pages put it in
 * `<meta name="csrf-token">`; a form's hidden `csrfmiddlewaretoken`
 * input is used as a fallback so a widget still works if the meta tag is missing.
 */
export function csrfToken(scope: ParentNode = document): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]');
  if (meta?.content) return meta.content;
  const input = scope.querySelector<HTMLInputElement>('input[name="csrfmiddlewaretoken"]');
  return input?.value ?? '';
}

export interface SendOptions {
  /** Let the request outlive the page (used when the page is being closed). */
  keepalive?: boolean;
  token?: string;
}

/** PUT a JSON body; rejects on network errors and non-2xx responses. */
export async function putJson(url: string, body: unknown, options: SendOptions = {}): Promise<Response> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: {
      'Content-Type': 'application/json',
      'X-CSRFToken': options.token ?? csrfToken(),
    },
    credentials: 'same-origin',
    body: JSON.stringify(body),
    keepalive: options.keepalive ?? false,
  });
  if (!response.ok) {
    throw new Error(`PUT ${url} failed with ${response.status}`);
  }
  return response;
}
