import * as vscode from 'vscode';
import { KnownSecrets } from '../credentials/knownSecrets';
import { redact } from '../credentials/redact';

/** The "AWS Role Switcher" log. Every line goes through redact(): secrets never reach it. */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  /** The live credentials: kept as KnownSecrets so each line does not rebuild their windows. */
  private readonly secrets = new KnownSecrets();

  constructor(name = 'AWS Role Switcher') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** Values to scrub on top of the shapes redact() knows (the live credentials). */
  setSecrets(values: Array<string | undefined>): void {
    this.secrets.clear();
    this.secrets.add(...values);
  }

  info(msg: string): void {
    this.channel.info(redact(msg, this.secrets));
  }

  warn(msg: string): void {
    this.channel.warn(redact(msg, this.secrets));
  }

  error(msg: string): void {
    this.channel.error(redact(msg, this.secrets));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
