"""Sharp pictures at any display scaling (100 %, 125 %, 150 %, 200 %): pixmaps painted at the
screen's device pixel ratio, icons that hold a painting for each common size and ratio, and
a label that repaints its icon when its window moves to a screen with another ratio."""
