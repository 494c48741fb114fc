enum _PNationalInterface {}
