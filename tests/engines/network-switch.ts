// The test origin's network cable: a TCP relay on 127.0.0.1 in front of the test server that can be cut (every open
// connection dropped, new ones reset at once) and restored. The one way to go offline that every engine shares;
// engines that can also tell the page it is offline do so through their driver (EngineProfile.emulateOffline).
import { connect, createServer, type Server, type Socket } from 'node:net';

export type NetworkSwitch = {
  /** The origin the browsers use: the relay's address. */
  url: string;
  setOffline: (offline: boolean) => void;
  close: () => Promise<void>;
};

export const startNetworkSwitch = async (upstreamPort: number): Promise<NetworkSwitch> => {
  let offline = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (offline) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('network switch did not bind a port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    setOffline: (value) => {
      offline = value;
      if (value) for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
