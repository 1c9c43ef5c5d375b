"""The central store: where administrators author, approve and publish items, and where
kiosks fetch the signed feed.

Plain Python (no Qt). The parts: :mod:`.models` (the database tables), :mod:`.db`
(engines, transactions, migrations), :mod:`.workflow` (accounts, revisions and the
draft → submitted → approved → published → revised | withdrawn rules), :mod:`.feedstate`
(feed versions, snapshots and deltas), :mod:`.devices` (enrolled kiosks),
:mod:`.notify` (waking long-polls), :mod:`.server` (the HTTP protocol), :mod:`.keys`
(key files and tokens) and :mod:`.cli` (the ``kiosk-store`` command).
"""
