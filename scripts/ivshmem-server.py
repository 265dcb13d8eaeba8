#!/usr/bin/env python3
"""A minimal ivshmem server for captures (QEMU docs/specs/ivshmem-spec: protocol version 0).

Each client gets: the version (0), its peer id, then the shared memory fd (id -1 + SCM_RIGHTS).
The memory is 4 MiB, the default of QEMU's contrib/ivshmem-server (-l 4M).

    python3 ivshmem-server.py SOCKET-PATH
"""
import os, socket, struct, sys

path = sys.argv[1]
fd = os.memfd_create('ivshmem')
os.ftruncate(fd, 4 << 20)
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(8)
print('ready', flush=True)
clients = []
peer = 0
while True:
    c, _ = srv.accept()
    c.sendall(struct.pack('<q', 0))
    c.sendall(struct.pack('<q', peer))
    socket.send_fds(c, [struct.pack('<q', -1)], [fd])
    peer += 1
    clients.append(c)
