using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Training.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnrolmentUnitAndRoleForReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_learner_UnitId",
                table: "learner");

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "enrolment",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "UnitId",
                table: "enrolment",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Enrolments made before the copies existed take their learner's unit and role.
            migrationBuilder.Sql("""
                UPDATE enrolment SET "UnitId" = (SELECT l."UnitId" FROM learner l WHERE l."Id" = enrolment."LearnerId"), "Role" = (SELECT l."Role" FROM learner l WHERE l."Id" = enrolment."LearnerId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_learner_UnitId_Role_RegisteredUtc",
                table: "learner",
                columns: new[] { "UnitId", "Role", "RegisteredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_CompletedUtc_UnitId_Role_CourseKey",
                table: "enrolment",
                columns: new[] { "CompletedUtc", "UnitId", "Role", "CourseKey" });

            migrationBuilder.CreateIndex(
                name: "IX_enrolment_UnitId_Role_CourseKey_EnrolledUtc_CompletedUtc",
                table: "enrolment",
                columns: new[] { "UnitId", "Role", "CourseKey", "EnrolledUtc", "CompletedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_learner_UnitId_Role_RegisteredUtc",
                table: "learner");

            migrationBuilder.DropIndex(
                name: "IX_enrolment_CompletedUtc_UnitId_Role_CourseKey",
                table: "enrolment");

            migrationBuilder.DropIndex(
                name: "IX_enrolment_UnitId_Role_CourseKey_EnrolledUtc_CompletedUtc",
                table: "enrolment");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "enrolment");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "enrolment");

            migrationBuilder.CreateIndex(
                name: "IX_learner_UnitId",
                table: "learner",
                column: "UnitId");
        }
    }
}
