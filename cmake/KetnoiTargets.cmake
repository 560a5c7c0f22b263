# ketnoi_add_stage(NAME DEPS...): one static library per stage folder, built from every
# *.cc in the folder except *_test.cc, plus one GoogleTest binary from its *_test.cc files.
# Adding a file to a stage needs no CMake edit.
function(ketnoi_add_stage name)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB _all CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc
       ${CMAKE_CURRENT_SOURCE_DIR}/*/*.cc)
  set(_srcs)
  set(_tests)
  foreach(f IN LISTS _all)
    if(f MATCHES "/main\\.cc$")
      # A program's entry point belongs to its executable, not to the stage library.
      continue()
    elseif(f MATCHES "_test\\.cc$")
      list(APPEND _tests ${f})
    else()
      list(APPEND _srcs ${f})
    endif()
  endforeach()
  if(_srcs)
    add_library(ketnoi_${name} STATIC ${_srcs})
    target_compile_options(ketnoi_${name} PRIVATE ${KETNOI_WARNING_FLAGS})
    target_link_libraries(ketnoi_${name} PUBLIC ${ARG_DEPS})
    target_compile_definitions(ketnoi_${name} PUBLIC KETNOI_DATA_DIR="${KETNOI_DATA_DIR}"
                               KETNOI_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  else()
    # A stage whose sources are not written yet: headers only.
    add_library(ketnoi_${name} INTERFACE)
    target_link_libraries(ketnoi_${name} INTERFACE ${ARG_DEPS})
  endif()
  if(_tests)
    add_executable(${name}_test ${_tests})
    target_compile_options(${name}_test PRIVATE ${KETNOI_WARNING_FLAGS})
    target_link_libraries(${name}_test PRIVATE ketnoi_${name} ${ARG_TEST_DEPS} GTest::gtest_main
                          GTest::gmock)
    gtest_discover_tests(${name}_test DISCOVERY_TIMEOUT 60
                         PROPERTIES ENVIRONMENT "KETNOI_SHARED_DIR=${CMAKE_SOURCE_DIR}/../shared")
  endif()
endfunction()
