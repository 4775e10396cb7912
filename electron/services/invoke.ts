import { contract, describeIssues, isMethodName, type Handlers, type MethodName } from '../../shared/ipc/contract';
import { err, type Result } from '../../shared/result';

export type InvokeOutcome =
  | { readonly kind: 'unknown_method'; readonly message: string }
  | { readonly kind: 'invalid_args'; readonly result: Result<never> }
  | { readonly kind: 'done'; readonly result: Result<unknown> };

/**
 * The single entry both transports use: looks the method up, parses the raw arguments with the contract's schema,
 * calls the handler, and turns anything thrown into an `internal` error so nothing ever throws across a transport.
 */
export async function invokeHandler(
  handlers: Handlers,
  name: string,
  rawArgs: unknown,
  log: (message: string) => void = () => undefined,
): Promise<InvokeOutcome> {
  if (!isMethodName(name)) return { kind: 'unknown_method', message: `No such method: ${name}` };
  const parsed = contract[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return { kind: 'invalid_args', result: err('invalid_input', `Invalid input: ${describeIssues(parsed.error)}`) };
  }
  try {
    const call = handlers[name] as (args: unknown) => Promise<Result<unknown>>;
    return { kind: 'done', result: await call(parsed.data) };
  } catch (error) {
    log(`handler ${name} threw: ${error instanceof Error ? error.message : String(error)}`);
    return {
      kind: 'done',
      result: err('internal', 'Something went wrong inside Liquidation Guard. Your data is unchanged; try again.'),
    };
  }
}

export type { MethodName };
