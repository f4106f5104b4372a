global using Vigil.Ledger.Cards;
global using Vigil.Ledger.Cases;
global using Vigil.Ledger.Evidence;
global using Vigil.Ledger.Flights;
global using Vigil.Ledger.Reports;
global using Vigil.Ledger.Stores;
global using Vigil.Ledger.WorkLists;
global using Xunit;
