// How much memory the process holds, for the message of a run stopped by an out-of-memory error.
#pragma once

namespace vi {

// WebAssembly: the linear memory's size (it only grows). Natively: the bytes the allocator holds.
double memory_in_use_bytes();

}  // namespace vi
