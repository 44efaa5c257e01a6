"""The nginx in front of several Streamlit processes: its configuration, written as text.

One Streamlit process runs every session's script on one core, so on launch day the
intranet's users queue behind each other; N processes on N cores share them. ``nginx_conf``
writes the configuration of an nginx that runs unprivileged in a folder of its own (pid,
logs and temporary files there, in the foreground) and

- keeps each browser on one process: a cookie (config/serving.toml ``sticky_cookie``) set on
  the first answer to a browser without it, hashed to a process (``hash ... consistent``), so
  the page's media, downloads and uploads, kept in the memory of the process that ran its
  script, are asked of that process. A client without cookies (each new connection a new
  random key) is spread evenly; a client's address is not used: behind a council's own proxy
  every user would have the same one;
- passes the websocket upgrade of ``/_stcore/stream`` through, unbuffered, idle for as long as
  a session stays open;
- serves Streamlit's hashed static bundles (``/static/``) from Streamlit's own folder, with
  gzip and a year's immutable caching, so the app's processes never spend a core on them.
  The HTML (``no-cache``, a few kB) still comes from Streamlit, which answers any page's path;
- lets an upload as large as Streamlit's own limit (``server.maxUploadSize``) through (nginx's
  default, 1 MB, would refuse a staff survey export).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The types nginx names for what Streamlit's static folder holds (no /etc/nginx/mime.types needed).
MIME_TYPES = {"text/html": "html", "text/css": "css", "application/javascript": "js mjs",
              "application/json": "json map", "image/png": "png", "image/svg+xml": "svg", "image/x-icon": "ico",
              "font/woff2": "woff2", "font/woff": "woff", "font/ttf": "ttf", "application/wasm": "wasm",
              "text/plain": "txt"}
GZIP_TYPES = "text/css application/javascript application/json image/svg+xml text/plain application/wasm"


@dataclass(frozen=True)
class Proxy:
    """Where nginx listens, the processes it shares the users among, and its settings."""

    host: str
    port: int
    upstream_ports: tuple[int, ...]
    static_dir: Path                  # Streamlit's static folder (index.html, static/)
    run_dir: Path                     # nginx's pid, logs and temporary files
    sticky_cookie: str = "improvement_worker"
    worker_processes: int = 1
    worker_connections: int = 4096
    gzip_level: int = 5
    static_max_age_s: int = 31_536_000
    websocket_idle_s: int = 86_400
    access_log: Path | None = None    # where each request and the process that answered it go (off: None)
    max_upload_mb: int = 200          # Streamlit's server.maxUploadSize: nginx must let such a file through


def _temp_paths(run_dir: Path) -> str:
    return "\n".join(f"  {kind}_temp_path {run_dir / kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))


def _access_log(p: Proxy) -> str:
    if p.access_log is None:
        return "  access_log off;"
    return ("  log_format upstream '$request_uri $status $upstream_addr $cookie_" + p.sticky_cookie + "';\n"
            f"  access_log {p.access_log} upstream;")


def _types() -> str:
    return "\n".join(f"    {mime} {exts};" for mime, exts in MIME_TYPES.items())


def _proxied(p: Proxy, websocket: bool) -> str:
    """The directives of a location passed to the processes."""
    lines = ["proxy_pass http://streamlit;", "proxy_http_version 1.1;", "proxy_set_header Host $http_host;",
             "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
             "proxy_set_header X-Forwarded-Proto $scheme;", "add_header Set-Cookie $sticky_set always;"]
    if websocket:
        lines += ["proxy_set_header Upgrade $http_upgrade;", "proxy_set_header Connection $connection_upgrade;",
                  "proxy_buffering off;", f"proxy_read_timeout {p.websocket_idle_s}s;",
                  f"proxy_send_timeout {p.websocket_idle_s}s;"]
    else:
        lines += ['proxy_set_header Connection "";']
    return "\n".join(f"      {line}" for line in lines)


def nginx_conf(p: Proxy) -> str:
    """The whole nginx.conf for ``p``."""
    servers = "\n".join(f"    server 127.0.0.1:{port} max_fails=0;" for port in p.upstream_ports)
    cookie = p.sticky_cookie
    return f"""# Written by serving/proxy.py for this run only; see its docstring.
daemon off;
worker_processes {p.worker_processes};
pid {p.run_dir / 'nginx.pid'};
error_log {p.run_dir / 'error.log'} warn;
events {{ worker_connections {p.worker_connections}; }}
http {{
{_access_log(p)}
{_temp_paths(p.run_dir)}
  types {{
{_types()}
  }}
  default_type application/octet-stream;
  sendfile on;
  tcp_nodelay on;
  server_tokens off;
  client_max_body_size {p.max_upload_mb + 1}m;
  gzip on;
  gzip_comp_level {p.gzip_level};
  gzip_min_length 1024;
  gzip_vary on;
  gzip_proxied any;
  gzip_types {GZIP_TYPES};
  map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
  # a browser keeps its process: its cookie, or on its first request a new random key
  map $cookie_{cookie} $sticky_key {{ "" $request_id; default $cookie_{cookie}; }}
  map $cookie_{cookie} $sticky_set {{ "" "{cookie}=$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }}
  upstream streamlit {{
    hash $sticky_key consistent;
{servers}
    keepalive 64;
  }}
  server {{
    listen {p.host}:{p.port} backlog=4096;
    location /static/ {{
      alias {p.static_dir / 'static'}/;
      add_header Cache-Control "public, immutable, max-age={p.static_max_age_s}";
      open_file_cache max=2000 inactive=600s;
    }}
    location ~ /_stcore/stream$ {{
{_proxied(p, websocket=True)}
    }}
    location / {{
{_proxied(p, websocket=False)}
    }}
  }}
}}
"""
