// A stand-in for another extension that asks AWS Role Switcher for credentials, through VS Code's
// authentication API (so VS Code asks the person's consent), and signs an STS call with them.
const vscode = require('vscode');
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');

function activate(context) {
  const say = (m) => vscode.window.showInformationMessage(`Consumer: ${m}`);
  // Counted in the status bar, which is always on screen (toasts beyond three wait in a queue).
  let changes = 0;
  const counter = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, -1000);
  counter.text = `AWS changes seen: ${changes}`;
  counter.show();
  context.subscriptions.push(
    counter,
    vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id !== 'aws-role-switcher') return;
      changes++;
      counter.text = `AWS changes seen: ${changes}`;
    }),
    vscode.commands.registerCommand('arsConsumer.whoAmI', () => whoAmI([], say)),
    // A profile of its own, by name (demo-base), and a scope that does not name one exactly.
    vscode.commands.registerCommand('arsConsumer.whoAmIAsBase', () => whoAmI(['profile:demo-base'], say)),
    vscode.commands.registerCommand('arsConsumer.brokenScope', () => whoAmI(['profile:demo-base\n'], say)),
    vscode.commands.registerCommand('arsConsumer.holdsBase', async () => {
      const s = await vscode.authentication.getSession('aws-role-switcher', ['profile:demo-base'], { silent: true });
      say(s === undefined ? 'holds no demo-base session' : `holds a demo-base session (${JSON.parse(s.accessToken).accessKeyId.slice(0, 4)}…)`);
    }),
  );
}

async function whoAmI(scopes, say) {
  let session;
  try {
    session = await vscode.authentication.getSession('aws-role-switcher', scopes, { createIfNone: true });
  } catch (e) {
    say(`refused (${e.message})`);
    return;
  }
  // The README's snippet: an SDK v3 credential provider, fresh on every call.
  const credentials = async () => {
    const s = (await vscode.authentication.getSession('aws-role-switcher', scopes, { silent: true })) ?? session;
    const c = JSON.parse(s.accessToken);
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration && new Date(c.expiration) };
  };
  const endpoint = vscode.workspace.getConfiguration('arsConsumer').get('stsEndpoint') || undefined;
  const sts = new STSClient({ region: 'eu-west-1', credentials, endpoint });
  try {
    const id = await sts.send(new GetCallerIdentityCommand({}));
    say(`STS says ${id.Arn}`);
  } catch (e) {
    say(`STS failed (${e.message})`);
  }
}

module.exports = { activate };
