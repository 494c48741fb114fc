enum _PStore {}
