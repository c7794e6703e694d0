"""Images and other files an article refers to: resolved inside the folder and checked."""
