/**
 * How the window's session reaches the processes VS Code starts: the environment collection, and in
 * endpoint mode the loopback credentials server (started and stopped with the setting).
 */
import * as vscode from 'vscode';
import { SessionManager, SessionSnapshot } from '../credentials/session';
import { CredentialsServer, Registration } from '../delivery/credentialsServer';
import { EndpointDelivery, environmentFor } from '../delivery/processEnvironment';
import { EnvironmentInjector } from './environmentCollection';
import { Log } from './log';
import { ExtensionSettings } from './settings';

export class ProcessDelivery implements vscode.Disposable {
  private server: CredentialsServer | undefined;
  /** The window session's registration on the server. */
  private registration: Registration | undefined;
  private readonly injector: EnvironmentInjector;

  constructor(
    collection: vscode.EnvironmentVariableCollection,
    private readonly o: { readonly settings: () => ExtensionSettings; readonly log: Log; readonly windowSession: () => SessionManager },
  ) {
    this.injector = new EnvironmentInjector(collection);
  }

  /** Starts or stops the credentials server to match the delivery setting. */
  async sync(): Promise<void> {
    if (this.o.settings().delivery === 'endpoint') {
      if (this.server === undefined) {
        const server = new CredentialsServer(this.o.log);
        await server.start();
        this.server = server;
        const session = this.o.windowSession();
        this.registration = server.register(() => session.retrieve());
        this.o.log.info(`credentials endpoint listening on ${this.registration.url.replace(/\/credentials\/.*/, '')}`);
      }
    } else if (this.server !== undefined) {
      this.registration?.dispose();
      this.registration = undefined;
      await this.server.stop();
      this.server = undefined;
      this.o.log.info('credentials endpoint stopped');
    }
  }

  /** Serves `session` on the credentials server, in endpoint mode; undefined otherwise. */
  register(session: SessionManager): Registration | undefined {
    return this.o.settings().delivery === 'endpoint' && this.server !== undefined ? this.server.register(() => session.retrieve()) : undefined;
  }

  /** Where the window session's processes fetch credentials; undefined in environment mode. */
  endpoint(): EndpointDelivery | undefined {
    return this.o.settings().delivery === 'endpoint' ? this.registration : undefined;
  }

  /** The variables of the window session (for debug sessions). */
  variables(s: SessionSnapshot): Map<string, string> {
    return environmentFor(s, this.o.settings().profileVariable, this.endpoint());
  }

  /** Writes the window session into the environment collection; whether anything changed. */
  apply(s: SessionSnapshot): boolean {
    return this.injector.apply(s, this.o.settings().profileVariable, this.endpoint());
  }

  dispose(): void {
    this.injector.clear();
    this.registration?.dispose();
    void this.server?.stop();
  }
}
