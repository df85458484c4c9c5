@echo off
rem Activate the project's virtual environment in a Windows command prompt.
rem Create it first with: py -3.11 -m venv .venv
if not exist "%~dp0.venv\Scripts\activate.bat" (
    echo No virtual environment in %~dp0.venv. Create it with: py -3.11 -m venv .venv
    exit /b 1
)
call "%~dp0.venv\Scripts\activate.bat"
