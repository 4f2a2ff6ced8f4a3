using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepairImportedEnrolments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Bulk enrolment once left the copies of the learner's unit and role out (unit 0), which hid those
            // learners from the completion reports; every learner has a real unit, so 0 marks exactly those rows.
            migrationBuilder.Sql(
                """
                UPDATE "enrolment" SET
                    "UnitId" = (SELECT l."UnitId" FROM "learner" l WHERE l."Id" = "enrolment"."LearnerId"),
                    "Role" = (SELECT l."Role" FROM "learner" l WHERE l."Id" = "enrolment"."LearnerId")
                WHERE "UnitId" = 0
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
