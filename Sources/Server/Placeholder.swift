enum _PServer {}
