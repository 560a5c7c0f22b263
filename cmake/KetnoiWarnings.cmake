# Warnings every target gets; CI adds -Werror through KETNOI_WERROR.
# -Wmaybe-uninitialized is off: GCC 12 reports false positives inside std::variant and
# std::optional at -O2 (GCC bug 105593 and friends), which would make -Werror flaky.
set(KETNOI_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
    -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND KETNOI_WARNING_FLAGS -Wno-maybe-uninitialized)
endif()
if(KETNOI_WERROR)
  list(APPEND KETNOI_WARNING_FLAGS -Werror)
endif()
