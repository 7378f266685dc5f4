// memory_in_use_bytes(): the WebAssembly memory's size, or glibc's allocator statistics.
#include "base/memory_in_use.h"

#if defined(__wasm__)
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace vi {

double memory_in_use_bytes() {
#if defined(__wasm__)
  return double(__builtin_wasm_memory_size(0)) * 65536.0;
#elif defined(__GLIBC__)
  const struct mallinfo2 m = mallinfo2();
  return double(m.arena) + double(m.hblkhd);
#else
  return 0.0;
#endif
}

}  // namespace vi
