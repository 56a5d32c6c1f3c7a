#!/bin/sh
# Installed as /usr/bin/tensor-tutor by the .deb: starts the bundled app.
exec /opt/tensor-tutor/tensor-tutor "$@"
