from desktop_app.app import run

run()
