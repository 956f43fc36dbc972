"""Qt table models over domain records (model/view keeps thousands of rows fast)."""
