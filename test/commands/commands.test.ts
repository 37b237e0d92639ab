/**
 * @jest-environment jsdom
 */

/** The command page registers its action with Office, or renders the dialog when asked. */

type Callback = () => void;

function installOffice(): { associate: jest.Mock; messageParent: jest.Mock } {
  const associate = jest.fn();
  const messageParent = jest.fn();
  const office = {
    onReady: (cb: Callback) => {
      cb();
      return Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' });
    },
    actions: { associate },
    context: { ui: { messageParent } },
  };
  Object.assign(globalThis, { Office: office });
  return { associate, messageParent };
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'Office');
  window.history.replaceState(null, '', '/');
});

it('associates "refreshRoles" with the ribbon button', async () => {
  const { associate } = installOffice();
  await jest.isolateModulesAsync(async () => {
    await import('../../src/commands/commands');
  });
  expect(associate).toHaveBeenCalledWith('refreshRoles', expect.any(Function));
});

it('associates the action when the script runs, before Office is ready (first click)', async () => {
  const associate = jest.fn();
  // onReady never resolves: the registration must not wait for it.
  Object.assign(globalThis, {
    Office: { onReady: () => new Promise(() => undefined), actions: { associate } },
  });
  await jest.isolateModulesAsync(async () => {
    await import('../../src/commands/commands');
  });
  expect(associate).toHaveBeenCalledWith('refreshRoles', expect.any(Function));
});

it('renders the dialog when opened with a message, and tells the opener on close', async () => {
  const { associate, messageParent } = installOffice();
  window.history.replaceState(null, '', '/commands.html?message=Sheet%20is%20protected.');
  await jest.isolateModulesAsync(async () => {
    await import('../../src/commands/commands');
  });
  expect(associate).not.toHaveBeenCalled();
  expect(document.getElementById('dialog-message')!.textContent).toBe('Sheet is protected.');
  document.querySelector('button')!.click();
  expect(messageParent).toHaveBeenCalledWith('close');
});
