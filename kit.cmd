@echo off
rem kit.cmd: the Windows twin of ./kit, the commands a student needs over the kit's Maven (mvnw.cmd); kit --help
rem lists them (.mvn\kit-help.txt). cmd splits arguments at = and , so an option holding them must be quoted:
rem   kit grade "-Dgrader.excludeTags=training,slow"
setlocal
set "KIT=%~dp0"
set "COMMAND=%~1"
if "%COMMAND%"=="" goto which
if "%COMMAND%"=="-h" goto help
if "%COMMAND%"=="--help" goto help
if "%COMMAND%"=="grade" goto grade
if "%COMMAND%"=="watch" goto watch
if "%COMMAND%"=="experiment" goto experiment
if "%COMMAND%"=="test" goto test
echo kit: unknown command '%COMMAND%' 1>&2
goto usage

:which
echo kit: which command? 1>&2
:usage
type "%KIT%.mvn\kit-help.txt" 1>&2
exit /b 2

:help
type "%KIT%.mvn\kit-help.txt"
exit /b 0

rem grade, then exercise ids, files and options: options go to Maven, a file gives the exercises it holds or grades
:grade
shift
set "IDS="
set "OPTS="
:grade_arg
if "%~1"=="" goto grade_run
set "ARG=%~1"
if "%ARG:~0,1%"=="-" goto grade_option
if exist "%ARG%" goto grade_file
call :add_id "%ARG%"
goto grade_next
:grade_option
set OPTS=%OPTS% %1
goto grade_next
:grade_file
set "FOUND="
rem the id is the 6th word of a YOUR CODE marker (// ... YOUR CODE: Exercise 20.2.1 ...), the 3rd of @Exercise(id = ...
for /f "tokens=6" %%i in ('findstr /c:"YOUR CODE: Exercise" "%ARG%"') do call :add_id %%i
for /f "tokens=3" %%i in ('findstr /c:"@Exercise(id" "%ARG%"') do call :add_id %%i
if defined FOUND goto grade_next
echo kit: no exercise in "%ARG%" (a file with YOUR CODE regions, or a graded test) 1>&2
goto usage
:grade_next
shift
goto grade_arg
:grade_run
if defined IDS set OPTS=%OPTS% "-Dgrader.exercises=%IDS:~1%"
set "MAVEN=-q -Pgrade -pl grader -am verify%OPTS%"
goto maven

:watch
shift
set "OPTS="
:watch_arg
if "%~1"=="" goto watch_run
set OPTS=%OPTS% %1
shift
goto watch_arg
:watch_run
set "MAVEN=-q -Pgrade -pl grader -am test -Dgrader.watch=true%OPTS%"
goto maven

rem experiment, then its name and arguments: -D options go to Maven, the rest to the experiment
:experiment
set "NAME=%~2"
set "MAIN="
if "%NAME%"=="gradient-flow" set "MAIN=GradientFlowExperiment"
if "%NAME%"=="degradation" set "MAIN=DegradationExperiment"
if "%NAME%"=="block-drop" set "MAIN=BlockDropSweep"
if "%NAME%"=="fine-tune" set "MAIN=FineTune"
if defined MAIN goto experiment_args
echo kit: unknown experiment '%NAME%' (gradient-flow, degradation, block-drop, fine-tune) 1>&2
goto usage
:experiment_args
shift
shift
set "ARGS="
set "OPTS="
:experiment_arg
if "%~1"=="" goto experiment_run
set "ARG=%~1"
if "%ARG:~0,2%"=="-D" goto experiment_option
set "ARGS=%ARGS% %~1"
goto experiment_next
:experiment_option
set OPTS=%OPTS% %1
:experiment_next
shift
goto experiment_arg
:experiment_run
set MAVEN=-q -pl experiments -am verify -DskipTests -Prun -Dmain=resnetkit.experiments.%MAIN% "-Dargs=%ARGS%"%OPTS%
goto maven

:test
shift
set "OPTS="
:test_arg
if "%~1"=="" goto test_run
set OPTS=%OPTS% %1
shift
goto test_arg
:test_run
set "MAVEN=-B verify%OPTS%"
goto maven

:maven
pushd "%KIT%"
call mvnw.cmd %MAVEN%
set "RC=%ERRORLEVEL%"
popd
exit /b %RC%

rem adds an exercise id (20.3.1a and 20.3.1b are parts of 20.3.1); called with the id, quoted or with a comma
:add_id
set "ID=%~1"
set "ID=%ID:a=%"
set "ID=%ID:b=%"
set "IDS=%IDS%,%ID%"
set "FOUND=1"
exit /b 0
