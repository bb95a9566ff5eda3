@echo off
rem mvnw.cmd: the kit's Maven (3.9.9) on Windows with nothing installed but a JDK; the twin of ./mvnw, which says
rem why it is not the official Maven Wrapper (the distribution ships in .mvn\wrapper\: no download).
setlocal
set "WRAPPER=%~dp0.mvn\wrapper"
for /f "usebackq tokens=1,* delims==" %%A in ("%WRAPPER%\kit-maven.properties") do if "%%A"=="distributionZip" set "ZIP=%%B"
set "DISTS=%USERPROFILE%\.m2\wrapper\dists"
if defined MAVEN_USER_HOME set "DISTS=%MAVEN_USER_HOME%\wrapper\dists"
set "MVN_HOME=%DISTS%\%ZIP:.zip=%\resnet-kit"
if exist "%MVN_HOME%\bin\mvn.cmd" goto run
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" "%WRAPPER%\UnpackMaven.java" "%WRAPPER%" "%MVN_HOME%"
if errorlevel 1 exit /b 1
:run
call "%MVN_HOME%\bin\mvn.cmd" %*
exit /b %ERRORLEVEL%
