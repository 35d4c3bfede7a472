import WebSocket from 'ws';
const ws = new WebSocket(process.argv[2]);
let id = 0;
const send = (method, params = {}) => new Promise((resolve) => {
  const my = ++id;
  const on = (data) => { const m = JSON.parse(data); if (m.id === my) { ws.off('message', on); resolve(m.result); } };
  ws.on('message', on);
  ws.send(JSON.stringify({ id: my, method, params }));
});
ws.on('open', async () => {
  await send('Runtime.enable');
  const proto = await send('Runtime.evaluate', { expression: `(() => { const t = setTimeout(() => {}, 0); clearTimeout(t); return Object.getPrototypeOf(t); })()` });
  const objs = await send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const desc = await send('Runtime.callFunctionOn', { objectId: objs.objects.objectId, functionDeclaration: `function() { return JSON.stringify(this.filter(t => !t._destroyed).map(t => ({ ms: t._idleTimeout, repeat: t._repeat, ref: t.hasRef(), fn: String(t._onTimeout).slice(0, 300) }))); }`, returnByValue: true });
  console.log(desc.result.value);
  ws.close();
});
