import * as vscode from 'vscode';
import { redact } from '../credentials/redact';

/** The "AWS Role Switcher" log. Every line goes through redact(): secrets never reach it. */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private secrets: string[] = [];

  constructor(name = 'AWS Role Switcher') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** Values to scrub on top of the shapes redact() knows (the live credentials). */
  setSecrets(values: Array<string | undefined>): void {
    this.secrets = values.filter((v): v is string => typeof v === 'string' && v.length >= 4);
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
