#ifndef WALLETGRAPH_CSQLITE_SHIM_H
#define WALLETGRAPH_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
