#ifndef WALLETGRAPH_CLIBPQ_SHIM_H
#define WALLETGRAPH_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
