"""What a printed book's display pages say: part headings, copyright lines, the ISBN."""
