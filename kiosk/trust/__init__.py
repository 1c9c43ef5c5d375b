"""Protocol v2's trust layer, shared by the store and the kiosk.

Built on The Update Framework (python-tuf): an offline root key signs which keys may do
what (:mod:`kiosk.trust.policy`); the people who approve, publish and withdraw sign
their own statements (:mod:`kiosk.trust.statements`); the store's online key signs only
versions and freshness (TUF's targets, snapshot and timestamp).
"""
