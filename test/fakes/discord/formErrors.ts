/**
 * Discord's validation error shape: 400 `{code: 50035, message: "Invalid Form Body", errors}`,
 * where `errors` mirrors the request body and each leaf holds `_errors: [{code, message}]`.
 */

export interface FieldError {
  code: string;
  message: string;
}

export type ErrorTree = { _errors?: FieldError[] } & { [key: string]: ErrorTree | FieldError[] | undefined };

export class FormErrors {
  readonly tree: ErrorTree = {};
  private count = 0;

  add(path: Array<string | number>, code: string, message: string): void {
    let node: ErrorTree = this.tree;
    for (const key of path) node = (node[String(key)] ??= {}) as ErrorTree;
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** Every error as "path: CODE", for test failure messages. */
  list(): string[] {
    const out: string[] = [];
    const walk = (node: ErrorTree, path: string[]): void => {
      for (const [key, value] of Object.entries(node)) {
        if (key === '_errors') for (const e of value as FieldError[]) out.push(`${path.join('.') || '(body)'}: ${e.code}`);
        else walk(value as ErrorTree, [...path, key]);
      }
    };
    walk(this.tree, []);
    return out;
  }

  body(): { code: number; message: string; errors: ErrorTree } {
    return { code: 50035, message: 'Invalid Form Body', errors: this.tree };
  }
}

/** A plain Discord JSON error (`{message, code}`), e.g. 404 `{message: "Unknown Channel", code: 10003}`. */
export interface ApiError {
  status: number;
  body: { message: string; code: number; errors?: ErrorTree };
}

export const apiError = (status: number, code: number, message: string): ApiError => ({ status, body: { message, code } });
