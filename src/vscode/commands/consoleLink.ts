/**
 * The console sign-in URL for the window's session, or for another profile (assumed for the
 * occasion in a session of its own, after the production confirmation, then dropped); undefined,
 * said why, when there is nothing to sign in with.
 */
import { nodeUserName } from '../../credentials/nodeDeps';
import { nodeHttp } from '../../credentials/nodeHttp';
import { SessionManager } from '../../credentials/session';
import { ConsoleSignInError, consoleUrlFor } from '../../delivery/consoleSignIn';
import { Edge, offerSwitchProfile } from './command';

export interface ConsoleLink {
  readonly url: string;
  readonly profile: string;
  readonly arn: string | undefined;
  readonly destination: string;
}

async function linkFor(edge: Edge, session: SessionManager): Promise<ConsoleLink | undefined> {
  const c = session.credentials();
  const chain = session.builtChain();
  const profile = session.profile;
  if (c === undefined || chain === undefined || profile === undefined) return undefined;
  const s = edge.settings().console;
  try {
    const r = await consoleUrlFor({
      credentials: c,
      sts: edge.engine.stsApi(),
      target: chain.target,
      http: nodeHttp,
      region: session.snapshot().region,
      userName: nodeUserName(),
      federationEndpoint: s.federationEndpoint,
      destination: s.destination,
      sessionDurationSeconds: s.sessionDurationSeconds,
    });
    return { ...r, profile };
  } catch (e) {
    if (e instanceof ConsoleSignInError) throw new Error(`${e.message} ${e.hint}`);
    throw e;
  }
}

/** `profile`: another profile than the window's (the picker's row button); undefined: the window's. */
export async function consoleLink(edge: Edge, profile?: string): Promise<ConsoleLink | undefined> {
  if (profile !== undefined && profile !== edge.session.profile) {
    if (!(await edge.switcher.confirmProduction(profile, 'console'))) return undefined;
    const session = edge.engine.newSession(() => undefined);
    try {
      await session.activate(profile, { interactive: true });
      return await linkFor(edge, session);
    } finally {
      session.dispose();
    }
  }
  const link = await linkFor(edge, edge.session);
  if (link === undefined) {
    offerSwitchProfile();
  }
  return link;
}
