"""The Progress charts: one module per chart, drawn with matplotlib on a Qt canvas.

Importing this package does not import matplotlib; ``base`` and the chart modules do, and
the Progress screen imports them only after ``loader`` has brought matplotlib in.
"""
