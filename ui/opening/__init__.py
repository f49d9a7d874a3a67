"""Opening and closing a program file without freezing the window (issue 11, §6).

- `background.open_in_background(path)`: the lock, the file's check and an update of an
  older file run on a worker while the window keeps repainting.
- `background.FileJobs`: what a file leaves for later, on workers: the day's backup once the
  file is shown, and the backup after changes when it is closed.
- `warmup.start(window)`: the modules that opening a file needs are imported while the
  window waits for the user (a background thread, on the start page).
"""
