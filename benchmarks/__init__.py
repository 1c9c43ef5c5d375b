"""The benchmark runner: every performance row of the design, each against a floor
measured in the same run (``python -m benchmarks``; ``--help`` for the options)."""
