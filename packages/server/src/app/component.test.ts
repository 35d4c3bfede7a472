import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startComponents, type Component } from './component.ts';

function recording(calls: string[], name: string, failStart = false): Component {
  return {
    name,
    start() {
      calls.push(`start ${name}`);
      return failStart ? Promise.reject(new Error(`${name} cannot start`)) : Promise.resolve();
    },
    stop() {
      calls.push(`stop ${name}`);
      return Promise.resolve();
    },
  };
}

describe('startComponents', () => {
  it('starts in order and stops in reverse, once', async () => {
    const calls: string[] = [];
    const running = await startComponents(['a', 'b', 'c'].map((name) => recording(calls, name)));
    await Promise.all([running.stop(), running.stop()]);
    assert.deepEqual(calls, ['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);
  });

  it('stops the started ones in reverse when one fails to start, and rethrows', async () => {
    const calls: string[] = [];
    const components = [
      recording(calls, 'a'),
      recording(calls, 'b'),
      recording(calls, 'c', true),
      recording(calls, 'd'),
    ];
    await assert.rejects(startComponents(components), /c cannot start/);
    assert.deepEqual(calls, ['start a', 'start b', 'start c', 'stop b', 'stop a']);
  });

  it('attempts every stop even when one fails', async () => {
    const calls: string[] = [];
    const failing: Component = { ...recording(calls, 'b'), stop: () => Promise.reject(new Error('b stuck')) };
    const running = await startComponents([recording(calls, 'a'), failing, recording(calls, 'c')]);
    await assert.rejects(running.stop(), /b stuck/);
    assert.deepEqual(calls, ['start a', 'start b', 'start c', 'stop c', 'stop a']);
  });
});
