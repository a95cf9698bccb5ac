// The floor: a plain TCP relay in Node with no protocol at all. The first byte of a connection
// says what it is — 'P' a publisher, whose bytes are copied to every subscriber; 'S' a
// subscriber (answered with one 'K' once registered); 'E' an echo, whose bytes come straight
// back. Anything a broker does costs more than this, so it bounds what Node on this machine allows.
import { createServer, type Server, type Socket } from 'node:net';

export function serveTcpFloor(onListening: (port: number) => void): Server {
  const subscribers = new Set<Socket>();
  const server = createServer({ noDelay: true }, (socket) => {
    socket.on('error', () => socket.destroy());
    socket.once('data', (first) => {
      const role = String.fromCharCode(first[0]);
      const rest = first.subarray(1);
      if (role === 'S') {
        subscribers.add(socket);
        socket.on('close', () => subscribers.delete(socket));
        socket.write('K');
      } else if (role === 'P') {
        const relay = (chunk: Buffer) => {
          for (const s of subscribers) s.write(chunk);
        };
        if (rest.length > 0) relay(rest);
        socket.on('data', relay);
      } else if (role === 'E') {
        if (rest.length > 0) socket.write(rest);
        socket.on('data', (chunk) => socket.write(chunk));
      } else socket.destroy();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') onListening(address.port);
  });
  return server;
}
