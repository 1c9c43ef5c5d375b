"""The Qt bridge: the only package that imports PySide6.

View models (``QObject``s and list models) expose the plain-Python core to the QML
screens in ``screens/``; QML stays thin and asks these objects for state and decisions.
"""
